locals {
  a = "%{ ifvar.enabled }on%{ endif }"
}
