resource "heroku_app" "api" {
  name = "one"
  name = "two"
}
