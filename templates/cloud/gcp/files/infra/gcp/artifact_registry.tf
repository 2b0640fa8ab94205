resource "google_artifact_registry_repository" "app" {
  # checkov:skip=CKV_GCP_84:Encrypted at rest with Google-managed keys; set kms_key_name to use your own key
  repository_id = var.name
  location      = var.region
  format        = "DOCKER"
  description   = "Images of ${var.name}"

  docker_config {
    immutable_tags = true
  }

  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"

    most_recent_versions {
      keep_count = 50
    }
  }

  depends_on = [google_project_service.services]
}
