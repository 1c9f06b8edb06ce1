// Command hclconform parses HCL files with HashiCorp's reference parser (hclsyntax) and prints, as one JSON
// array, what each file declares: its blocks and attributes (nested ones included) with 1-based lines, its
// comments, and its error diagnostics. The conformance test compares this with the engine's tree-sitter parser.
//
// Build in GOPATH mode against Debian's golang-github-hashicorp-hcl-v2-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o hclconform ./test/hclconform
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

type diagnostic struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type block struct {
	Type   string   `json:"type"`
	Labels []string `json:"labels"`
	Line   int      `json:"line"`
	Path   []string `json:"path"`
}

type attribute struct {
	Name string   `json:"name"`
	Line int      `json:"line"`
	Path []string `json:"path"`
}

type comment struct {
	Line int `json:"line"`
}

type result struct {
	File       string       `json:"file"`
	OK         bool         `json:"ok"`
	Errors     []diagnostic `json:"errors"`
	Blocks     []block      `json:"blocks"`
	Attributes []attribute  `json:"attributes"`
	Comments   []comment    `json:"comments"`
}

func main() {
	results := make([]result, 0, len(os.Args)-1)
	for _, name := range os.Args[1:] {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		results = append(results, parse(name, src))
	}
	out, err := json.Marshal(results)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(string(out))
}

func parse(name string, src []byte) result {
	r := result{File: name, OK: true, Errors: []diagnostic{}, Blocks: []block{}, Attributes: []attribute{}, Comments: []comment{}}
	file, diags := hclsyntax.ParseConfig(src, name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		r.OK = false
		line, column := 0, 0
		if d.Subject != nil {
			line, column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		r.Errors = append(r.Errors, diagnostic{Line: line, Column: column, Message: d.Summary + ": " + d.Detail})
	}
	if body, ok := file.Body.(*hclsyntax.Body); ok && body != nil {
		walk(body, []string{}, &r)
	}
	tokens, _ := hclsyntax.LexConfig(src, name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	for _, token := range tokens {
		if token.Type == hclsyntax.TokenComment {
			r.Comments = append(r.Comments, comment{Line: token.Range.Start.Line})
		}
	}
	return r
}

func walk(body *hclsyntax.Body, path []string, r *result) {
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, attr := range body.Attributes {
		attrs = append(attrs, attr)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].NameRange.Start.Byte < attrs[j].NameRange.Start.Byte })
	for _, attr := range attrs {
		r.Attributes = append(r.Attributes, attribute{Name: attr.Name, Line: attr.NameRange.Start.Line, Path: path})
	}
	for _, b := range body.Blocks {
		labels := b.Labels
		if labels == nil {
			labels = []string{}
		}
		r.Blocks = append(r.Blocks, block{Type: b.Type, Labels: labels, Line: b.TypeRange.Start.Line, Path: path})
		inner := append(append([]string{}, path...), b.Type)
		if b.Body != nil {
			walk(b.Body, inner, r)
		}
	}
}
