resource "heroku_app" "api" {
  name = "api"
  config_vars = {
    LOG_LEVEL = "in