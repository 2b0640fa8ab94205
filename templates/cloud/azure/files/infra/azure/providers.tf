# The subscription comes from ARM_SUBSCRIPTION_ID (set by azd and by the deploy workflow), never from a file.
provider "azurerm" {
  storage_use_azuread = true

  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }

    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}

data "azurerm_client_config" "current" {}
