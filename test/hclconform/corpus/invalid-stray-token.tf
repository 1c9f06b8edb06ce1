resource "heroku_app" "api" {
  name = "api"
  @
}
