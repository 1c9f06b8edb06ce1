locals {
  commas    = { a = 1, b = 2, }
  colons    = { "a" : 1, "b" : 2 }
  newlines = {
    a = 1
    b = 2,
    c = 3
  }
  expr_keys = {
    (var.key)          = "dynamic"
    "${var.prefix}-x"  = "template key"
    plain              = "identifier key"
  }
  nested = {
    inner = {
      deeper = [
        { x = 1 },
        { y = 2 },
      ]
    }
  }
  empty_obj   = {}
  empty_tuple = []
  tuple_multi = [
    1,
    2
  ]
}
