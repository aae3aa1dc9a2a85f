package apitest

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"github.com/google/uuid"
)

// External calls a URL outside the portal (a presigned S3 URL), without
// cookies; errors become status 0.
func External(method, url, contentType string, body []byte) *Response {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return &Response{}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return &Response{}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Ticket is the answer to an upload request.
type Ticket struct {
	UploadID    uuid.UUID
	URL         string
	ContentType string
}

// Uploaded is a confirmed file.
type Uploaded struct {
	ID        uuid.UUID
	VersionID uuid.UUID
	Version   int
}

// RequestUpload asks for an upload URL for data into folder (or, when
// file is not uuid.Nil, for a new version of file). It returns the
// response so refusals can be checked.
func (c *Client) RequestUpload(ws string, project, folder, file uuid.UUID, name string, size int) (*Response, Ticket) {
	c.e.T.Helper()
	path := "/api/v1/w/" + ws + "/projects/" + project.String()
	if file != uuid.Nil {
		path += "/files/" + file.String() + "/uploads"
	} else {
		path += "/folders/" + folder.String() + "/uploads"
	}
	r := c.Do("POST", path, map[string]any{"name": name, "size": size})
	var t Ticket
	if r.Status == 201 {
		r.JSON(c.e.T, &t)
	}
	return r, t
}

// PutBlob sends bytes to a signed URL as the browser would: relative URLs
// go to the portal (local driver), absolute ones to the storage (S3).
func (c *Client) PutBlob(url, contentType string, data []byte) *Response {
	c.e.T.Helper()
	if strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") {
		return External("PUT", url, contentType, data)
	}
	c.Headers["Content-Type"] = contentType
	defer delete(c.Headers, "Content-Type")
	return c.Do("PUT", url, data)
}

// Confirm confirms an upload.
func (c *Client) Confirm(ws string, project, upload uuid.UUID) *Response {
	c.e.T.Helper()
	return c.Do("POST", "/api/v1/w/"+ws+"/projects/"+project.String()+"/uploads/"+upload.String()+"/confirm", nil)
}

// Upload runs the whole pipeline and fails the test unless the file is filed.
func (c *Client) Upload(ws string, project, folder, file uuid.UUID, name string, data []byte) Uploaded {
	c.e.T.Helper()
	r, t := c.RequestUpload(ws, project, folder, file, name, len(data))
	if r.Status != 201 {
		c.e.T.Fatalf("upload %s: %d %s", name, r.Status, r.Body)
	}
	if r := c.PutBlob(t.URL, t.ContentType, data); r.Status != 200 {
		c.e.T.Fatalf("put %s: %d %s", name, r.Status, r.Body)
	}
	r = c.Confirm(ws, project, t.UploadID)
	if r.Status != 200 {
		c.e.T.Fatalf("confirm %s: %d %s", name, r.Status, r.Body)
	}
	var out Uploaded
	r.JSON(c.e.T, &out)
	return out
}

// Folders returns the project's folders by name ("Branding", "Contenu",
// "Livrables", sub-folders).
func (c *Client) Folders(ws string, project uuid.UUID) map[string]uuid.UUID {
	c.e.T.Helper()
	r := c.Do("GET", "/api/v1/w/"+ws+"/projects/"+project.String()+"/folders", nil)
	if r.Status != 200 {
		c.e.T.Fatalf("folders: %d %s", r.Status, r.Body)
	}
	var body struct {
		Folders []struct {
			ID   uuid.UUID
			Name string
		}
	}
	r.JSON(c.e.T, &body)
	out := map[string]uuid.UUID{}
	for _, f := range body.Folders {
		out[f.Name] = f.ID
	}
	return out
}
