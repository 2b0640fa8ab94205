resource "azurerm_container_registry" "main" {
  # checkov:skip=CKV_AZURE_139:GitHub-hosted runners push over the internet; pulls use the managed identity, never the admin user
  # checkov:skip=CKV_AZURE_163:Image scanning is Microsoft Defender for Containers, enabled per subscription
  # checkov:skip=CKV_AZURE_164:Signed images (content trust) need the Premium tier and a signing step
  # checkov:skip=CKV_AZURE_165:Geo-replication needs the Premium tier; one region holds the app
  # checkov:skip=CKV_AZURE_166:Quarantine needs the Premium tier and a scanner that releases images
  # checkov:skip=CKV_AZURE_167:Retention of untagged manifests needs the Premium tier; tags are immutable commit SHAs
  # checkov:skip=CKV_AZURE_233:Zone redundancy needs the Premium tier
  # checkov:skip=CKV_AZURE_237:Dedicated data endpoints need the Premium tier
  name                = "cr${local.compact}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Standard"
  admin_enabled       = false
  tags                = local.tags
}
