// Command klderive derives KL divergences, entropies and cross-entropies
// step by step, verifies every step numerically, and renders the
// derivation as text, LaTeX, Markdown or JSON.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/alecthomas/kong"
	"github.com/klderive/klderive/expr"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // a derivation or verification failed
	exitInvalid = 2 // usage or input error
)

type cli struct {
	Version versionFlag `help:"Print the version and exit."`
	Derive  deriveCmd   `cmd:"" help:"Derive the goals of a .kl problem (- reads standard input)."`
	Eval    evalCmd     `cmd:"" help:"Evaluate an expression at given values: klderive eval EXPR NAME=VALUE..."`
	Rules   rulesCmd    `cmd:"" help:"List every rule: name, statement and conditions."`
	Check   checkCmd    `cmd:"" help:"Check every equality of a hand derivation in Markdown or LaTeX numerically; report the first wrong link."`
}

// env is what a command reads and writes, so tests can run the CLI in
// process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError carries an exit status out of a command.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

func run(args []string, e *env) int { return runModel(grammar(args), args, e) }

// runModel runs args parsed by the command-line model, a cli struct or
// a part of one.
func runModel(model any, args []string, e *env) int {
	parser, err := kong.New(model,
		kong.Name("klderive"),
		kong.Description("Derive KL divergences, entropies and cross-entropies step by step, with every step checked numerically."),
		kong.Writers(e.stdout, e.stderr),
		kong.Exit(func(code int) { panic(&exitError{code}) }),
		kong.UsageOnError(),
		kong.Bind(e),
	)
	if err != nil {
		fmt.Fprintln(e.stderr, "klderive:", expr.Escape(err.Error()))
		return exitInvalid
	}
	code := exitOK
	func() {
		// kong calls Exit for --help; turn that into a return value.
		defer func() {
			if r := recover(); r != nil {
				ee, ok := r.(*exitError)
				if !ok {
					panic(r)
				}
				code = ee.code
			}
		}()
		ctx, err := parser.Parse(evalArgs(args))
		if err != nil {
			fmt.Fprintln(e.stderr, "klderive:", expr.Escape(err.Error()))
			code = exitInvalid
			return
		}
		if err := ctx.Run(e); err != nil {
			var ee *exitError
			if errors.As(err, &ee) {
				code = ee.code
				return
			}
			fmt.Fprintln(e.stderr, "klderive:", expr.Escape(err.Error()))
			code = exitInvalid
		}
	}()
	return code
}

// versionFlag prints the version and exits, as kong.VersionFlag does,
// but reads the build information only when it is asked for: a
// variable given to kong.New is read at its start and interpolated
// into every flag's help, whatever the command.
type versionFlag bool

// BeforeReset writes the version and ends the run with status 0.
func (versionFlag) BeforeReset(app *kong.Kong) error {
	fmt.Fprintln(app.Stdout, "klderive "+version())
	app.Exit(0)
	return nil
}

// version is the module version the binary was built from ("devel" in
// a work tree), with the VCS revision when the build recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := strings.TrimPrefix(info.Main.Version, "v")
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return v
}

// evalArgs lets an expression to evaluate start with a minus sign, as
// results such as -1/2*(1 + v) do: after eval's own flags, everything is
// an argument, not a flag.
func evalArgs(args []string) []string {
	if len(args) < 2 || args[0] != "eval" {
		return args
	}
	out := []string{"eval"}
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--" || a == "-h" || a == "--help":
			return args
		case (a == "-p" || a == "--problem") && i+1 < len(args):
			out = append(out, a, args[i+1])
			i++
		case strings.HasPrefix(a, "--problem="):
			out = append(out, a)
		default:
			return append(append(out, "--"), args[i:]...)
		}
	}
	return out
}
