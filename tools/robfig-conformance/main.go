package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/robfig/cron/v3"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var spec string
		if err := json.Unmarshal(in.Bytes(), &spec); err != nil {
			panic(err)
		}
		res := map[string]interface{}{"spec": spec}
		func() {
			defer func() {
				if r := recover(); r != nil {
					res["panic"] = fmt.Sprint(r)
				}
			}()
			if _, err := cron.ParseStandard(spec); err != nil {
				res["error"] = err.Error()
			}
		}()
		out.Encode(res)
	}
}
