package main

import (
	"reflect"
	"strings"
)

// grammar is the command-line model kong is to build for args: when the
// first argument names a command, the cli struct with that command as
// its only one; else the whole of it. kong.New reads every field's tags
// and interpolates every help text by reflection, the largest single
// cost of a short run, and a command needs only its own fields. Its
// help and its errors come out the same, as they show only what the
// narrowed model holds (the command's flags and arguments and the
// global flags); the listing of every command, and the suggestions for
// a mistyped one, come from the whole model.
func grammar(args []string) any {
	if len(args) == 0 {
		return new(cli)
	}
	t := reflect.TypeFor[cli]()
	var fields []reflect.StructField
	found := false
	for i := range t.NumField() {
		f := t.Field(i)
		if _, isCmd := f.Tag.Lookup("cmd"); !isCmd {
			fields = append(fields, f)
		} else if commandName(f) == args[0] {
			fields = append(fields, f)
			found = true
		}
	}
	if !found {
		return new(cli)
	}
	return reflect.New(reflect.StructOf(fields)).Interface()
}

// commandName is the name kong gives a command field: its name tag, or
// its Go name in lower case (a test checks these against kong's model).
func commandName(f reflect.StructField) string {
	if name, ok := f.Tag.Lookup("name"); ok {
		return name
	}
	return strings.ToLower(f.Name)
}
