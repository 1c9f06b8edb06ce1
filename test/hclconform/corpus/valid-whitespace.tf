

	locals	{
	  tabs	=	"tabs around"
	}


resource "a" "b" {

  x = 1


  y = 2

}
