// Package blobtest starts a real S3-compatible server (versitygw) for
// tests, so the S3 driver and the upload pipeline run against the real
// protocol. scripts/tools.sh installs the binary.
package blobtest

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/parvis/parvis/internal/blob"
)

// Credentials of the throwaway server.
const (
	AccessKey = "parvistest"
	SecretKey = "parvistestsecret123"
	Bucket    = "parvis-test"
)

func binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("PARVIS_VERSITYGW"); p != "" {
		return p
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			p := filepath.Join(dir, "bin", "versitygw")
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
	}
	msg := "versitygw not found (PARVIS_VERSITYGW, PATH, $(go env GOPATH)/bin): run scripts/tools.sh"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// StartS3 runs versitygw on a free loopback port with an empty bucket and
// returns its configuration; the server stops with the test.
func StartS3(t testing.TB) blob.S3Config {
	t.Helper()
	bin := binary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "--access", AccessKey, "--secret", SecretKey, "--port", addr, "posix", t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not start: %s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cfg := blob.S3Config{Endpoint: "http://" + addr, Region: "us-east-1", Bucket: Bucket, AccessKey: AccessKey, SecretKey: SecretKey, PathStyle: true}
	s, err := blob.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(Bucket)}); err != nil {
		t.Fatalf("create bucket: %v\n%s", err, out.String())
	}
	return cfg
}
