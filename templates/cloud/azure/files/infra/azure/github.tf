# GitHub Actions deploys with short-lived credentials: a managed identity trusts the workflow's OIDC token
# (federated credential) for this repository's `production` environment only.
resource "azurerm_user_assigned_identity" "deploy" {
  count               = var.github_repository == "" ? 0 : 1
  name                = "id-${local.prefix}-deploy"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_federated_identity_credential" "github" {
  count     = var.github_repository == "" ? 0 : 1
  name      = "github-production"
  parent_id = azurerm_user_assigned_identity.deploy[0].id
  audience  = ["api://AzureADTokenExchange"]
  issuer    = "https://token.actions.githubusercontent.com"
  subject   = "repo:${var.github_repository}:environment:production"
}

# What a release needs: push images, update the app and start the migrations job.
resource "azurerm_role_assignment" "deploy_push" {
  count                = var.github_repository == "" ? 0 : 1
  scope                = azurerm_container_registry.main.id
  role_definition_name = "AcrPush"
  principal_id         = azurerm_user_assigned_identity.deploy[0].principal_id
}

resource "azurerm_role_assignment" "deploy_app" {
  count                = var.github_repository == "" ? 0 : 1
  scope                = azurerm_container_app.app.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.deploy[0].principal_id
}

resource "azurerm_role_assignment" "deploy_job" {
  count                = var.github_repository == "" ? 0 : 1
  scope                = azurerm_container_app_job.migrate.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.deploy[0].principal_id
}

# The job and the app run as the app identity; assigning it on update needs this.
resource "azurerm_role_assignment" "deploy_identity" {
  count                = var.github_repository == "" ? 0 : 1
  scope                = azurerm_user_assigned_identity.app.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_user_assigned_identity.deploy[0].principal_id
}
