locals {
  a = "x ${} y"
}
