package texcheck

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Page is what headless Chromium made of an HTML document: the DOM after
// its scripts ran, and the data-* attributes its script set on <body>.
type Page struct {
	DOM   string
	Attrs map[string]string
}

// Int is the body attribute data-name as a number, or -1 when it is
// missing or not a number.
func (p Page) Int(name string) int {
	n, err := strconv.Atoi(p.Attrs[name])
	if err != nil {
		return -1
	}
	return n
}

// chromiumNames are the names Debian and others give the browser.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

func chromium() (string, error) {
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: Chromium not on PATH; install it with `apt-get install chromium`", ErrMissing)
}

// Chromium opens doc in headless Chromium with a window width × height
// CSS pixels, offline (every host name fails to resolve), and returns the
// DOM once its scripts have run, within a budget of virtual time. With
// shot != "" it also writes a PNG screenshot of the window there. It
// wraps ErrMissing when Chromium is not installed.
func Chromium(doc string, width, height int, shot string) (Page, error) {
	bin, err := chromium()
	if err != nil {
		return Page{}, err
	}
	dir, err := os.MkdirTemp("", "texcheck-chromium-")
	if err != nil {
		return Page{}, err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(doc), 0o644); err != nil {
		return Page{}, err
	}
	args := []string{
		"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
		// Its own profile, so that parallel runs do not share one.
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		// Offline: a page that tried to fetch anything would fail to.
		"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--virtual-time-budget=20000",
	}
	if os.Geteuid() == 0 {
		// Chromium's sandbox refuses to run as root (CI containers).
		args = append(args, "--no-sandbox")
	}
	var dom string
	if dom, err = runChromium(bin, dir, append(args, "--dump-dom", "file://"+page)); err != nil {
		return Page{}, err
	}
	if shot != "" {
		if _, err := runChromium(bin, dir, append(args, "--hide-scrollbars", "--screenshot="+shot, "file://"+page)); err != nil {
			return Page{}, err
		}
		if _, err := os.Stat(shot); err != nil {
			return Page{}, fmt.Errorf("texcheck: chromium wrote no screenshot: %v", err)
		}
	}
	return Page{DOM: dom, Attrs: bodyAttrs(dom)}, nil
}

func runChromium(bin, dir string, args []string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return "", fmt.Errorf("texcheck: chromium did not finish within %v", timeout)
	}
	if err != nil {
		return "", fmt.Errorf("texcheck: chromium: %v\n%s", err, lastLines(stderr.String(), 10))
	}
	return string(out), nil
}

var (
	bodyTag  = regexp.MustCompile(`<body([^>]*)>`)
	dataAttr = regexp.MustCompile(`\bdata-([a-z0-9-]+)="([^"]*)"`)
)

// bodyAttrs reads the data-* attributes of the dumped DOM's <body>.
func bodyAttrs(dom string) map[string]string {
	out := map[string]string{}
	m := bodyTag.FindStringSubmatch(dom)
	if m == nil {
		return out
	}
	for _, a := range dataAttr.FindAllStringSubmatch(m[1], -1) {
		out[a[1]] = html.UnescapeString(a[2])
	}
	return out
}
