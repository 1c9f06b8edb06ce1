provider "heroku" {}
resource "heroku_app" "empty" { }
resource "heroku_app" "one" { name = "one" }
variable "v" { default = { a = 1, b = [1, 2] } }
locals { x = 1 }
output "o" { value = [for x in [1, 2] : x] }
