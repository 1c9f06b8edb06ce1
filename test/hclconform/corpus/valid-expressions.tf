locals {
  numbers  = [1, 2.5, 1.5e3, 0, 10.0E-2]
  bools    = [true, false, null]
  math     = 1 + 2 * 3 - 4 / 2 % 3
  compare  = 1 < 2 && 2 <= 3 || 3 > 4 && 4 >= 5 && 1 == 1 && 1 != 2
  unary    = -var.n
  not      = !var.flag
  cond     = var.enabled ? "yes" : "no"
  nested_c = var.a ? var.b ? 1 : 2 : 3
  paren    = (1 + 2) * 3
  multi    = (
    var.a
    + var.b
  )
  call     = format("%s-%s", var.a, var.b)
  expand   = concat(var.lists...)
  no_args  = timestamp()
  index    = var.list[0]
  legacy   = var.list.0
  attr     = heroku_app.api.name
  deep     = data.heroku_space.s.outbound_ips[0]
  map_key  = var.map["key"]
  dyn_key  = var.map[local.k]
  chained  = f(1)[0].name
  paren_tr = (var.obj).field
  tuple_ix = [1, 2, 3][1]
}
