terraform {
  required_version = ">= 1.10"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # Partial configuration: storage account, container and key come from `terraform init -backend-config=...`
  # or from azd's provider.conf.json (see README.md).
  backend "azurerm" {
    use_azuread_auth = true
  }
}
