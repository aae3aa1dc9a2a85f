package workspace

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// SlugPath names a workspace by its slug on the anonymous routes. It is not
// called {workspace}: these routes check no membership, and the
// cross-tenant matrix treats every {workspace} route as a member's.
type SlugPath struct {
	Slug string `path:"slug" maxLength:"48" doc:"Workspace slug"`
}

// PublicBrand reads the public face of the workspace named by slug: what a
// login page shows before anyone signs in. The transaction has no scope at
// all; the rows come through the SECURITY DEFINER function of migration
// 00008, which returns the public columns only. An unknown slug is a plain
// NotFound, the same answer as any other unknown address.
func PublicBrand(ctx context.Context, pool *pgxpool.Pool, slug string) (Brand, error) {
	var out Brand
	err := db.Tx(ctx, pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		b, err := q.PublicWorkspaceBrand(ctx, slug)
		if db.IsNotFound(err) {
			return httpapi.NotFound()
		}
		out = Brand{Name: b.Name, Slug: b.Slug, AccentColor: b.AccentColor, HasLogo: b.HasLogo}
		return err
	})
	return out, err
}

// registerPublic adds the anonymous branding routes.
func (h *Handler) registerPublic(api huma.API) {
	tags := []string{"workspace"}

	huma.Register(api, huma.Operation{
		OperationID: "get-public-workspace", Method: http.MethodGet, Path: "/api/v1/public/workspaces/{slug}", Tags: tags,
		Summary:     "A workspace's public branding: name, accent colour, whether it has a logo (no login needed)",
		Description: "What the workspace's own login page (/<espace>/connexion) shows. Nothing else about the workspace is public.",
		Errors:      []int{404},
	}, func(ctx context.Context, in *SlugPath) (*struct{ Body Brand }, error) {
		b, err := PublicBrand(ctx, h.d.Pool, in.Slug)
		if err != nil {
			return nil, err
		}
		return &struct{ Body Brand }{Body: b}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-public-workspace-logo", Method: http.MethodGet, Path: "/api/v1/public/workspaces/{slug}/logo", Tags: tags,
		Summary: "A workspace's logo image (no login needed)", Errors: []int{404},
		Responses: map[string]*huma.Response{"200": {Description: "The image", Content: map[string]*huma.MediaType{
			"image/png": {}, "image/jpeg": {}, "image/webp": {}}}},
	}, func(ctx context.Context, in *SlugPath) (*struct {
		ContentType  string `header:"Content-Type"`
		CacheControl string `header:"Cache-Control"`
		Body         []byte
	}, error) {
		var logo dbq.PublicWorkspaceLogoRow
		err := db.Tx(ctx, h.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
			var err error
			logo, err = q.PublicWorkspaceLogo(ctx, in.Slug)
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct {
			ContentType  string `header:"Content-Type"`
			CacheControl string `header:"Cache-Control"`
			Body         []byte
		}{ContentType: logo.LogoType, CacheControl: "public, max-age=300", Body: logo.Logo}, nil
	})
}
