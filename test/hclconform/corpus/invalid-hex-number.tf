locals {
  n = 0x1F
}
