package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// request builds the next request of one connection; i counts that
// connection's requests. It returns the method, URL and JSON body (nil
// for none).
type request func(conn, i int) (method, url string, body []byte)

// result is what a load run measured.
type result struct {
	n        int
	errors   int
	firstErr string
	elapsed  time.Duration
	p50, p99 time.Duration
}

func (r result) rps() float64 { return float64(r.n) / r.elapsed.Seconds() }

// load runs conns connections, each with its own keep-alive HTTP client,
// sending requests back to back for d after a warm-up of warm. A status
// other than 200/201 counts as an error. Bodies are read in full, with
// Accept-Encoding: gzip as a browser sends it (and not decompressed, as
// wrk does not).
func load(conns int, warm, d time.Duration, cookie string, next request) result {
	var (
		mu       sync.Mutex
		lat      []time.Duration
		errs     atomic.Int64
		firstErr atomic.Value
		counting atomic.Bool
		stop     atomic.Bool
		wg       sync.WaitGroup
	)
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
			defer client.CloseIdleConnections()
			local := make([]time.Duration, 0, 4096)
			for i := 0; !stop.Load(); i++ {
				method, url, body := next(c, i)
				var rd io.Reader
				if body != nil {
					rd = bytes.NewReader(body)
				}
				req, _ := http.NewRequest(method, url, rd)
				req.Header.Set("Cookie", cookie)
				req.Header.Set("Accept-Encoding", "gzip")
				if body != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				t0 := time.Now()
				res, err := client.Do(req)
				status := 0
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					status = res.StatusCode
				}
				took := time.Since(t0)
				if !counting.Load() {
					continue
				}
				if err != nil || (status != 200 && status != 201) {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s %s: %v %d", method, url, err, status))
					continue
				}
				local = append(local, took)
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}(c)
	}
	time.Sleep(warm)
	counting.Store(true)
	stopProfile := startProfile()
	start := time.Now()
	time.Sleep(d)
	stop.Store(true)
	elapsed := time.Since(start)
	stopProfile()
	profileName = "" // a caller that names no profile gets none (not the last one's file)
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := result{n: len(lat), errors: int(errs.Load()), elapsed: elapsed}
	if s, ok := firstErr.Load().(string); ok {
		r.firstErr = s
	}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// sizes fetches url once without and once with Accept-Encoding: gzip and
// returns the body's size raw and as sent compressed (0 when the server
// did not compress), plus the size gzip would give (for comparison).
func sizes(url, cookie string) (raw, wire, gz int, err error) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(enc string) ([]byte, string, error) {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Cookie", cookie)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		res, err := client.Do(req)
		if err != nil {
			return nil, "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			return nil, "", fmt.Errorf("GET %s: %s", url, res.Status)
		}
		return b, res.Header.Get("Content-Encoding"), err
	}
	body, enc, err := get("")
	if err != nil {
		return 0, 0, 0, err
	}
	if enc != "" {
		return 0, 0, 0, fmt.Errorf("GET %s: compressed (%s) without Accept-Encoding", url, enc)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(body)
	_ = zw.Close()
	cbody, cenc, err := get("gzip")
	if err != nil {
		return 0, 0, 0, err
	}
	if strings.Contains(cenc, "gzip") {
		wire = len(cbody)
	}
	return len(body), wire, buf.Len(), nil
}

// profileDir (BENCH_CPUPROFILE) receives a CPU profile of each measured
// run, named after profileName (set by the caller before each load): the
// server runs in this process, so the profile shows its cost per path
// (the load generator's own share is visible under main.load).
var (
	profileDir  = os.Getenv("BENCH_CPUPROFILE")
	profileName string
)

func startProfile() func() {
	if profileDir == "" || profileName == "" {
		return func() {}
	}
	_ = os.MkdirAll(profileDir, 0o755)
	f, err := os.Create(filepath.Join(profileDir, profileName+".pprof"))
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
