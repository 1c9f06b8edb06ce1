# The legacy reporting app lives in a space managed elsewhere: its space is unknown here, so nothing is
# inferred about it.
data "heroku_space" "reporting" {
  name = "acme-reporting"
}

resource "heroku_app" "reports" {
  name   = "${var.team}-reports"
  region = var.region
  space  = data.heroku_space.reporting.name

  organization {
    name   = var.team
    locked = true
  }
}

resource "heroku_drain" "reports" {
  app_id        = heroku_app.reports.id
  sensitive_url = "syslog+tls://logs.acme-health.internal:6514"
}
