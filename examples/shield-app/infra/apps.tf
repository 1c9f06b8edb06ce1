locals {
  records_name = "${var.team}-records"
}

resource "heroku_app" "records" {
  name   = local.records_name
  region = var.region
  space  = heroku_space.secure.name
  stack  = "heroku-20"
  acm    = true

  organization {
    name   = var.team
    locked = true
  }

  config_vars = {
    RAILS_ENV         = "production"
    STRIPE_SECRET_KEY = "sk_live_9fQ2mXv8LwP4rT7kZ3bN6cYd"
  }

  sensitive_config_vars = {
    STRIPE_WEBHOOK_SECRET = var.stripe_secret_key
  }
}

resource "heroku_formation" "web" {
  app_id   = heroku_app.records.id
  type     = "web"
  quantity = 2
  size     = "standard-2x"
}

resource "heroku_addon" "database" {
  app_id = heroku_app.records.id
  plan   = "heroku-postgresql:private-2"
}

resource "heroku_addon" "cache" {
  app_id = heroku_app.records.id
  plan   = "heroku-redis:shield-3"
}

resource "heroku_app_feature" "exec" {
  app_id = heroku_app.records.id
  name   = "runtime-heroku-exec"
}
