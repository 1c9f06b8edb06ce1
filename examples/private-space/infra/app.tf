resource "heroku_app" "portal" {
  name   = local.app_name
  region = "virginia"
  space  = heroku_space.main.id
  acm    = false

  organization {
    name = var.team
  }

  config_vars = {
    DJANGO_SETTINGS_MODULE = "claims.settings.production"
    SENTRY_DSN             = var.sentry_dsn
    AWS_SECRET_ACCESS_KEY  = var.aws_secret_access_key
  }
}

resource "heroku_domain" "portal" {
  app_id   = heroku_app.portal.id
  hostname = "claims.acme-insurance.com"
}

resource "heroku_addon" "database" {
  app_id = heroku_app.portal.id
  plan   = "heroku-postgresql:standard-0"
}

resource "heroku_drain" "papertrail" {
  app_id = heroku_app.portal.id
  url    = "syslog://logs7.papertrailapp.com:23456"
}

resource "heroku_app_feature" "strict_tls" {
  app_id  = heroku_app.portal.id
  name    = "spaces-strict-tls"
  enabled = false
}

resource "heroku_formation" "web" {
  app_id   = heroku_app.portal.id
  type     = "web"
  quantity = 2
  size     = "private-m"
}
