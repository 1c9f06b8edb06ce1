resource "heroku_app" "api" {
  name = "api"
  acm  = true

resource "heroku_app" "worker" {
  name = "worker"
}
