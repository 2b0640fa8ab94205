# Upper-case outputs are read by azd (they become azd environment values).
output "AZURE_CONTAINER_REGISTRY_ENDPOINT" {
  value = azurerm_container_registry.main.login_server
}

output "AZURE_RESOURCE_GROUP" {
  value = azurerm_resource_group.main.name
}

output "SERVICE_API_URI" {
  description = "HTTPS address of the app."
  value       = "https://${azurerm_container_app.app.ingress[0].fqdn}"
}

output "container_app_name" {
  value = azurerm_container_app.app.name
}

output "migrate_job_name" {
  value = azurerm_container_app_job.migrate.name
}

output "deploy_client_id" {
  description = "Repository variable AZURE_CLIENT_ID (the deploy identity), when github_repository is set."
  value       = var.github_repository == "" ? null : azurerm_user_assigned_identity.deploy[0].client_id
}
