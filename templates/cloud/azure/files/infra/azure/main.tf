locals {
  prefix = "${var.name}-${var.environment_name}"
  # Names without dashes for the resources that allow none (registry, key vault).
  compact = substr(replace("${var.name}${var.environment_name}", "-", ""), 0, 20)
  tags = {
    application  = var.name
    azd-env-name = var.environment_name
    managed-by   = "terraform"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.prefix}"
  location = var.location
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "main" {
  name                = "log-${local.prefix}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = local.tags
}
