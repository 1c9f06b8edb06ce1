locals {
  m = { a = 1 b = 2 }
}
