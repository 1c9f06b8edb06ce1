resource "heroku_app" "api" {
  name = "api"
} resource "heroku_app" "b" {
}
