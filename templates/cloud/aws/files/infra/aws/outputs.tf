output "url" {
  description = "HTTPS address of the service (point your DNS name at load_balancer_dns_name)."
  value       = "https://${aws_lb.main.dns_name}"
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer, for a CNAME or alias record."
  value       = aws_lb.main.dns_name
}

output "ecr_repository_url" {
  description = "Where the deploy workflow pushes images."
  value       = aws_ecr_repository.app.repository_url
}

output "cluster_name" {
  value = aws_ecs_cluster.main.name
}

output "service_name" {
  value = aws_ecs_service.app.name
}

output "migrate_task_definition" {
  description = "Task definition of the migrations, run by the deploy workflow before each service update."
  value       = aws_ecs_task_definition.migrate.arn
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "app_security_group_id" {
  value = aws_security_group.app.id
}

output "database_endpoint" {
  description = "Private endpoint of the database (reachable from the tasks only)."
  value       = "${local.database.host}:${local.database.port}"
}

output "database_secret_arn" {
  description = "Secrets Manager secret with the database credentials, managed and rotated by the database service."
  value       = local.database.secret_arn
}

output "deploy_role_arn" {
  description = "Role for the deploy workflow (repository variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.deploy.arn
}
