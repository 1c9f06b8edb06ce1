# A Heroku app in a private space, the way teams write it.
terraform {
  required_providers {
    heroku = {
      source  = "heroku/heroku"
      version = "~> 5.0"
    }
  }
}

provider "heroku" {}

variable "region" {
  type    = string
  default = "virginia"
}

variable "trusted_ips" {
  type        = list(string)
  default     = ["203.0.113.0/24", "198.51.100.7/32"]
  description = "CIDRs allowed to reach the space"
}

locals {
  env      = "production"
  app_name = "acme-${local.env}-api"
  tags = {
    team = "payments"
    "cost-center" = 42
  }
}

resource "heroku_space" "main" {
  name         = "acme-${local.env}"
  organization = "acme"
  region       = var.region
  shield       = true
}

resource "heroku_app" "api" {
  name   = local.app_name
  region = heroku_space.main.region
  space  = heroku_space.main.id
  acm    = true

  organization {
    name   = "acme"
    locked = true
  }

  config_vars = {
    LOG_LEVEL = "info"
    RAILS_ENV = local.env
  }

  sensitive_config_vars = {
    DATABASE_URL = "postgres://user:${var.db_password}@db.example.com:5432/app"
  }

  buildpacks = [
    "heroku/ruby",
  ]
}

resource "heroku_addon" "db" {
  app_id = heroku_app.api.id
  plan   = "heroku-postgresql:private-2"
}

resource "heroku_space_inbound_ruleset" "default" {
  space = heroku_space.main.id

  dynamic "rule" {
    for_each = var.trusted_ips
    content {
      action = "allow"
      source = rule.value
    }
  }
}

output "app_url" {
  value = "https://${heroku_app.api.name}.herokuapp.com"
}
