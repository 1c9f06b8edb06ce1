variable "heroku_api_key" {
  type      = string
  sensitive = true
}

variable "team" {
  type    = string
  default = "acme-health"
}

variable "region" {
  type    = string
  default = "virginia"
}

variable "clinic_cidrs" {
  description = "Clinic networks allowed to reach the records service"
  type        = list(string)
  default     = ["198.51.100.0/24", "192.0.2.64/26"]
}

variable "stripe_secret_key" {
  type      = string
  sensitive = true
}
