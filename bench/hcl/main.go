// Command hclbench times HashiCorp's reference HCL parser (hclsyntax.ParseConfig, from Debian's
// golang-github-hashicorp-hcl-v2-dev) on groups of files: each group is one Terraform module, parsed file by file.
// It prints one JSON object per group with the time of every run in milliseconds (warm-up runs left out).
//
//	hclbench -runs 9 -warmup 2 module1/a.tf,module1/b.tf module2/a.tf
//
// Build in GOPATH mode: GO111MODULE=off GOPATH=/usr/share/gocode go build -o hclbench ./bench/hcl
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

type result struct {
	Files  []string  `json:"files"`
	Bytes  int       `json:"bytes"`
	Errors int       `json:"errors"`
	RunsMs []float64 `json:"runsMs"`
}

func main() {
	runs := flag.Int("runs", 9, "timed runs per group")
	warmup := flag.Int("warmup", 2, "untimed runs first")
	flag.Parse()
	out := json.NewEncoder(os.Stdout)
	for _, group := range flag.Args() {
		names := strings.Split(group, ",")
		sources := make([][]byte, len(names))
		r := result{Files: names, RunsMs: []float64{}}
		for i, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			sources[i] = src
			r.Bytes += len(src)
		}
		for run := 0; run < *warmup+*runs; run++ {
			started := time.Now()
			errors := 0
			for i, src := range sources {
				_, diags := hclsyntax.ParseConfig(src, names[i], hcl.Pos{Line: 1, Column: 1, Byte: 0})
				for _, d := range diags {
					if d.Severity == hcl.DiagError {
						errors++
					}
				}
			}
			elapsed := time.Since(started)
			r.Errors = errors
			if run >= *warmup {
				r.RunsMs = append(r.RunsMs, float64(elapsed.Nanoseconds())/1e6)
			}
		}
		if err := out.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}
