module github.com/klderive/klderive

go 1.26.8

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/stretchr/testify v1.12.1
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/alecthomas/kong v1.17.0 // indirect
	github.com/alecthomas/repr v0.5.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
