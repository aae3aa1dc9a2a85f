package httpapi

import (
	"reflect"

	"github.com/danielgtaylor/huma/v2"
)

// emptyArrays is a response transformer: Go encodes a nil slice as null,
// while the OpenAPI document promises an array (huma.DefaultArrayNullable
// is off), so every nil slice in a response body is sent as [] instead.
// Doing it here, once, spares each handler (and the web) the care.
func emptyArrays(_ huma.Context, _ string, v any) (any, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return v, nil
	}
	// Work on an addressable copy so fields and elements can be set.
	cp := reflect.New(rv.Type()).Elem()
	cp.Set(rv)
	fillNilSlices(cp, 0)
	return cp.Interface(), nil
}

// maxFillDepth guards against a cyclic value; response bodies are trees
// far shallower than this.
const maxFillDepth = 32

func fillNilSlices(v reflect.Value, depth int) {
	if depth > maxFillDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillNilSlices(v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				fillNilSlices(f, depth+1)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not an array
		}
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := range v.Len() {
			fillNilSlices(v.Index(i), depth+1)
		}
	}
}
