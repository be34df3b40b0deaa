package ui_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
)

// screenshotDirEnv names a directory the browser test saves a screenshot
// of the saga page to; unset, it saves none.
const screenshotDirEnv = "STREAMSAGA_UI_SCREENSHOT_DIR"

// browserPath finds Chromium or Chrome on PATH. Without one the test is
// skipped, unless CI or STREAMSAGA_REQUIRE_SERVICES asks for every test to
// run, and then it fails.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "Chromium not found: install Debian's chromium package to run the browser test"
	if os.Getenv("CI") != "" || os.Getenv("STREAMSAGA_REQUIRE_SERVICES") != "" {
		t.Fatal(msg + " (CI or STREAMSAGA_REQUIRE_SERVICES is set, so it must run)")
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless browser with a fresh profile and returns a
// tab's context, valid until the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browserPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 1000),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(t.Context()), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx), "starting the browser") // no timeout: it would stop the browser
	return ctx
}

// row is one timeline line as the browser shows it.
type row struct {
	Kind, Label, Step, Type, Detail string
}

const readTimeline = `[...document.querySelectorAll('#timeline tbody tr')].map(tr => ({
	Kind: tr.dataset.kind,
	Label: tr.querySelector('.kind').innerText.trim(),
	Step: tr.querySelector('.step').innerText.trim(),
	Type: tr.querySelector('.type').innerText.trim(),
	Detail: tr.querySelector('.detail').innerText.trim(),
}))`

const readCounts = `Object.fromEntries([...document.querySelectorAll('#counts a[data-state]')]
	.map(a => [a.dataset.state, Number(a.querySelector('.n').innerText)]))`

// labels are the timeline's lines as "label type".
func labels(rows []row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Label + " " + r.Type
	}
	return out
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

func TestBrowserExploresAndRetriesSagas(t *testing.T) {
	f := newFixture(t)
	browser := newBrowser(t)
	compOrder, comp := f.compensatedSaga(t, "insufficient funds")
	_, failed := f.failedSaga(t)
	ctx, cancel := context.WithTimeout(browser, 90*time.Second)
	defer cancel()

	// The home page counts one saga of each and nothing else.
	do(t, ctx, chromedp.Navigate(f.srv.URL+"/ui/"), chromedp.WaitVisible(chromedp.ID("counts")))
	counts := run(t, ctx, chromedp.Evaluate[map[string]int](readCounts))
	want := map[string]int{}
	for _, st := range saga.States {
		want[string(st)] = 0
	}
	want["COMPENSATED"], want["FAILED"] = 1, 1
	require.Equal(t, want, counts)
	screenshot(t, ctx, "home.png")

	// Searching the order's id lands on its saga, whose timeline tells the
	// story: the action, the failure, the compensation.
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("q"), compOrder),
		chromedp.Click(chromedp.ID("find")),
		chromedp.WaitVisible(chromedp.CSS(`#saga[data-saga-id="`+comp+`"]`)),
	)
	require.True(t, strings.HasSuffix(run(t, ctx, chromedp.Location()), "/ui/sagas/"+comp))
	rows := run(t, ctx, chromedp.Evaluate[[]row](readTimeline))
	require.Len(t, rows, len(f.history(t, comp)))
	requireInOrder(t, labels(rows), []string{
		"step started " + ordersaga.ReserveInventory,
		"reply received " + ordersaga.InventoryReserved,
		"failure reply " + ordersaga.PaymentFailed,
		"compensation sent " + ordersaga.ReleaseInventory,
		"compensation reply " + ordersaga.InventoryReleased,
	})
	require.Equal(t, "insufficient funds", run(t, ctx, chromedp.Text(chromedp.ID("failure"))))
	require.False(t, run(t, ctx, chromedp.Evaluate[bool](`document.getElementById('retry') !== null`)),
		"a COMPENSATED saga offers no Retry")
	screenshot(t, ctx, "saga-compensated.png")

	// The FAILED count filters the list down to the failed saga.
	do(t, ctx,
		chromedp.Navigate(f.srv.URL+"/ui/"),
		chromedp.Click(chromedp.CSS(`#counts a[data-state="FAILED"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#list[data-state="FAILED"]`)),
	)
	listed := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#sagas tbody tr')].map(tr => tr.dataset.sagaId)`))
	require.Equal(t, []string{failed}, listed)

	// Its page offers Retry; the retry resumes it and the page says so.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`#sagas a[href="/ui/sagas/`+failed+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#saga[data-saga-id="`+failed+`"][data-state="FAILED"]`)),
	)
	screenshot(t, ctx, "saga-failed.png")
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("operator"), "alice"),
		chromedp.Click(chromedp.ID("retry")),
		chromedp.WaitVisible(chromedp.ID("flash")),
	)
	require.Equal(t, "Retry requested. The saga is now COMPENSATING.", run(t, ctx, chromedp.Text(chromedp.ID("flash"))))
	require.Equal(t, "COMPENSATING", run(t, ctx, chromedp.Text(chromedp.ID("state"))))
	rows = run(t, ctx, chromedp.Evaluate[[]row](readTimeline))
	requireInOrder(t, labels(rows), []string{
		"compensation sent " + ordersaga.ReleaseInventory,
		"timeout ",
		"state changed ",
		"operator action ",
		"state changed ",
		"compensation sent " + ordersaga.ReleaseInventory,
	})
	require.Contains(t, operatorDetails(rows), "retry requested by alice in state FAILED")
	screenshot(t, ctx, "saga-retried.png")

	// The store agrees with the page.
	f.requireState(t, failed, saga.StateCompensating)
	last := f.history(t, failed)
	require.Contains(t, storedOperatorDetails(last), "retry requested by alice in state FAILED")
}

func operatorDetails(rows []row) []string {
	var out []string
	for _, r := range rows {
		if r.Kind == saga.HistoryOperator {
			out = append(out, r.Detail)
		}
	}
	return out
}

func storedOperatorDetails(hist []saga.HistoryEntry) []string {
	var out []string
	for _, h := range hist {
		if h.Kind == saga.HistoryOperator {
			out = append(out, h.Detail)
		}
	}
	return out
}

// screenshot saves the page to the directory STREAMSAGA_UI_SCREENSHOT_DIR
// names, if it names one.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(screenshotDirEnv)
	if dir == "" {
		return
	}
	png := run(t, ctx, chromedp.FullScreenshot(100))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
}
