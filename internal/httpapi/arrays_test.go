package httpapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// A handler that forgets to make a slice still sends [] (the document says
// arrays are never null), nested ones included; bytes are left alone.
func TestEmptyArrays(t *testing.T) {
	t.Parallel()
	type item struct {
		Tags []string `json:"tags"`
	}
	type body struct {
		Items  []item         `json:"items"`
		Nested *item          `json:"nested"`
		More   []*item        `json:"more"`
		Raw    []byte         `json:"raw"`
		Plain  string         `json:"plain"`
		Map    map[string]int `json:"map"`
		hidden []string
	}
	in := &body{Items: []item{{}}, Nested: &item{}, More: []*item{nil, {}}, hidden: nil}
	out, err := emptyArrays(nil, "200", in)
	require.NoError(t, err)
	b, err := json.Marshal(out)
	require.NoError(t, err)
	require.JSONEq(t, `{"items":[{"tags":[]}],"nested":{"tags":[]},"more":[null,{"tags":[]}],"raw":null,"plain":"","map":null}`, string(b))

	var nilSlice []item
	out, err = emptyArrays(nil, "200", nilSlice)
	require.NoError(t, err)
	b, _ = json.Marshal(out)
	require.Equal(t, "[]", string(b))
	out, err = emptyArrays(nil, "200", nil)
	require.NoError(t, err)
	require.Nil(t, out)
}
