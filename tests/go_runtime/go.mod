module apicoretest

go 1.19
