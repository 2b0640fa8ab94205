terraform {
  # Terraform 1.10+ or OpenTofu 1.10+ (S3 state locking without DynamoDB: use_lockfile).
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # Partial configuration: bucket, key and region come from `terraform init -backend-config=...`
  # (see README.md), so no account-specific name is written here.
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}
