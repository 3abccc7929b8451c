module toolkit_images

go 1.19
