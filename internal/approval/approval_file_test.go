package approval_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

func pngOf(t *testing.T, w int) []byte {
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, 2))))
	return b.Bytes()
}

// Issue 4, last bullet: an approval cites an exact file version and its
// content hash; "v2 validée" stays provable after v3 is uploaded, and the
// cited version cannot be purged.
func TestApprovalCitesFileVersion(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin, client := e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte", client)
	other := e.CreateProject(ws, "Autre")
	ac, cc := e.Client(), e.Client()
	ac.Login(admin.Email, admin.Password)
	cc.Login(client.Email, client.Password)
	folders := ac.Folders(ws.Slug, p)

	v1 := ac.Upload(ws.Slug, p, folders["Livrables"], uuid.Nil, "maquette-accueil.png", pngOf(t, 2))
	v2bytes := pngOf(t, 3)
	v2 := ac.Upload(ws.Slug, p, folders["Livrables"], v1.ID, "maquette-accueil.png", v2bytes)
	require.Equal(t, 2, v2.Version)

	base := "/api/v1/w/studio/projects/" + p.String()
	r := ac.Do("POST", base+"/approvals", map[string]any{"kind": "maquette", "fileVersionId": v2.VersionID.String()})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var a struct {
		ID   string
		File struct {
			VersionID, Name, SHA256 string
			Version                 int
		}
	}
	r.JSON(t, &a)
	sum := sha256.Sum256(v2bytes)
	require.Equal(t, hex.EncodeToString(sum[:]), a.File.SHA256)
	require.Equal(t, 2, a.File.Version)

	// v3 arrives; the client approves: the record still names v2.
	ac.Upload(ws.Slug, p, folders["Livrables"], v1.ID, "maquette-accueil.png", pngOf(t, 4))
	r = cc.Do("POST", base+"/approvals/"+a.ID+"/decision", map[string]any{"decision": "approved", "comment": "OK pour la v2"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = cc.Do("GET", base+"/approvals", nil)
	var list struct {
		Approvals []struct {
			Status string
			File   *struct {
				Version int
				SHA256  string
			}
		}
	}
	r.JSON(t, &list)
	require.Equal(t, "approved", list.Approvals[0].Status)
	require.Equal(t, 2, list.Approvals[0].File.Version)
	require.Equal(t, hex.EncodeToString(sum[:]), list.Approvals[0].File.SHA256)
	r = ac.Do("GET", base+"/activity?family=approval", nil)
	require.Contains(t, string(r.Body), hex.EncodeToString(sum[:]))

	// The cited version cannot disappear, even for the superuser.
	_, err := e.DB.Super.Exec(t.Context(), "DELETE FROM file_versions WHERE id = $1", v2.VersionID)
	require.ErrorContains(t, err, "approvals_file_version_fkey")

	// A version of another project, or an unknown one, is refused.
	of := ac.Folders(ws.Slug, other)
	elsewhere := ac.Upload(ws.Slug, other, of["Livrables"], uuid.Nil, "autre.png", pngOf(t, 5))
	for _, bad := range []string{elsewhere.VersionID.String(), uuid.NewString()} {
		r = ac.Do("POST", base+"/approvals", map[string]any{"kind": "maquette", "fileVersionId": bad})
		require.Equal(t, 422, r.Status, "%s", r.Body)
		require.Contains(t, string(r.Body), "unknown_file_version")
	}
}
