variable "heroku_api_key" {
  description = "Heroku Platform API key of the deploy bot"
  type        = string
}

variable "team" {
  description = "Heroku team that owns the space"
  type        = string
}

variable "env" {
  type    = string
  default = "staging"
}

variable "sentry_dsn" {
  description = "Set in the CI secret store"
  type        = string
}

variable "office_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

variable "aws_secret_access_key" {
  description = "S3 uploads"
  type        = string
}
