package httpapi

import (
	"github.com/danielgtaylor/huma/v2"

	"github.com/parvis/parvis/internal/event"
)

// documentEvents exports the event catalogue (internal/event) in the
// OpenAPI document, so the web switches over the same list of actions and
// notification families as the server: EventAction and NotificationFamily.
func documentEvents(oapi *huma.OpenAPI) {
	actions := []any{}
	for _, a := range event.All() {
		actions = append(actions, a)
	}
	families := []any{}
	for _, f := range event.Families {
		families = append(families, string(f))
	}
	m := oapi.Components.Schemas.Map()
	m["EventAction"] = &huma.Schema{Type: huma.TypeString, Enum: actions,
		Description: "Every action the portal records or announces (the activity journal's codes, the live stream's and the notifications' events)."}
	m["NotificationFamily"] = &huma.Schema{Type: huma.TypeString, Enum: families,
		Description: "The families of notifications a person sets a preference for."}
}
