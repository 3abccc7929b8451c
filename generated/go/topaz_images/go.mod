module topaz_images

go 1.19
