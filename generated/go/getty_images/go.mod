module getty_images

go 1.19
