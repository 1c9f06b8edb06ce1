terraform {
  required_version = ">= 1.5"
  required_providers {
    heroku = {
      source  = "heroku/heroku"
      version = "~> 5.3"
    }
  }
}

provider "heroku" {
  api_key = var.heroku_api_key
}
