locals {
  a = [for x in var.list x]
}
