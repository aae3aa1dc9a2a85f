package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// S3Config names an S3-compatible bucket: Cloudflare R2, AWS S3, MinIO.
type S3Config struct {
	Endpoint  string // e.g. https://<account>.r2.cloudflarestorage.com; empty for AWS
	Region    string // "auto" for R2
	Bucket    string
	AccessKey string
	SecretKey string
	PathStyle bool // true for local servers (MinIO, versitygw)
}

// S3 stores blobs in a bucket; browsers PUT and GET with presigned URLs.
type S3 struct {
	client  *s3.Client
	presign *s3.PresignClient
	bucket  string
}

// NewS3 builds the driver; it does not contact the server.
func NewS3(c S3Config) (*S3, error) {
	if c.Bucket == "" || c.AccessKey == "" || c.SecretKey == "" {
		return nil, errors.New("blob: S3 needs a bucket and keys")
	}
	region := c.Region
	if region == "" {
		region = "auto"
	}
	opts := s3.Options{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKey, c.SecretKey, ""),
		UsePathStyle: c.PathStyle,
		// Browsers cannot compute the SDK's default checksums: presigned
		// URLs must sign only what the browser sends.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}
	if c.Endpoint != "" {
		opts.BaseEndpoint = aws.String(c.Endpoint)
	}
	client := s3.New(opts)
	return &S3{client: client, presign: s3.NewPresignClient(client), bucket: c.Bucket}, nil
}

// Client exposes the SDK client (tests create their bucket with it).
func (s *S3) Client() *s3.Client { return s.client }

func notFound(err error) bool {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound {
		return true
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NotFound", "NoSuchKey":
			return true
		}
	}
	return false
}

// SignPut implements Store: Content-Type and Content-Length are signed
// headers, so another type or size is refused by the server with 403.
func (s *S3) SignPut(ctx context.Context, key, contentType string, size int64, ttl time.Duration) (string, error) {
	if err := checkTTL(ttl, MaxPutTTL); err != nil {
		return "", err
	}
	if !ValidKey(key) || size <= 0 {
		return "", fmt.Errorf("blob: bad put %q (%d bytes)", key, size)
	}
	req, err := s.presign.PresignPutObject(ctx, &s3.PutObjectInput{
		Bucket: &s.bucket, Key: aws.String(key), ContentType: aws.String(contentType), ContentLength: aws.Int64(size),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("blob: presign put: %w", err)
	}
	return req.URL, nil
}

// SignGet implements Store. S3 cannot add X-Content-Type-Options to a
// presigned response; the bucket is another origin and everything but
// raster images and PDFs is an attachment, which is what point 19 asks.
func (s *S3) SignGet(ctx context.Context, key string, o GetOptions, ttl time.Duration) (string, error) {
	if err := checkTTL(ttl, MaxGetTTL); err != nil {
		return "", err
	}
	ct := o.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	req, err := s.presign.PresignGetObject(ctx, &s3.GetObjectInput{
		Bucket: &s.bucket, Key: aws.String(key),
		ResponseContentType:        aws.String(ct),
		ResponseContentDisposition: aws.String(ContentDisposition(o.Filename, o.Inline)),
		ResponseCacheControl:       aws.String("private, max-age=60"),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("blob: presign get: %w", err)
	}
	return req.URL, nil
}

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, key string) (int64, error) {
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.bucket, Key: aws.String(key)})
	if notFound(err) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return aws.ToInt64(out.ContentLength), nil
}

// Open implements Store.
func (s *S3) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.bucket, Key: aws.String(key)})
	if notFound(err) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return out.Body, nil
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, key, contentType string, data []byte) error {
	if !ValidKey(key) {
		return fmt.Errorf("blob: invalid key %q", key)
	}
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{Bucket: &s.bucket, Key: aws.String(key),
		ContentType: aws.String(contentType), ContentLength: aws.Int64(int64(len(data))), Body: bytes.NewReader(data)})
	return err
}

// Move implements Store (server-side copy, then delete).
func (s *S3) Move(ctx context.Context, src, dst string) error {
	if !ValidKey(dst) {
		return fmt.Errorf("blob: invalid key %q", dst)
	}
	_, err := s.client.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &s.bucket, Key: aws.String(dst),
		CopySource: aws.String(url.PathEscape(s.bucket) + "/" + src)})
	if notFound(err) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return s.Delete(ctx, src)
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, key string) error {
	_, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.bucket, Key: aws.String(key)})
	if notFound(err) {
		return nil
	}
	return err
}
