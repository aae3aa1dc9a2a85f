package project

import (
	"time"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Project statuses (spec module A): En cours, En attente client, Terminé.
const (
	StatusInProgress    = "in_progress"
	StatusWaitingClient = "waiting_client"
	StatusDone          = "done"
)

// ComputeStatus is the status rule: a project waits on its client exactly
// when something waits on the client (an approval asked, a task blocked by
// the client; later modules add payments and questions). Otherwise it is
// in progress; "done" is the admin's call (an override).
func ComputeStatus(waitingItems int) string {
	if waitingItems > 0 {
		return StatusWaitingClient
	}
	return StatusInProgress
}

// Counts are what the status and the progress bar are computed from.
type Counts struct {
	PendingApprovals, BlockedTasks, TotalTasks, DoneTasks, PendingPayments int32
	// WaitingTickets are requests waiting on the client (a question to
	// answer, a price to accept or refuse); NewTickets await the admin.
	WaitingTickets, NewTickets int32
}

// Progress is the share of core tasks done.
type Progress struct {
	Done    int `json:"done"`
	Total   int `json:"total"`
	Percent int `json:"percent" minimum:"0" maximum:"100"`
}

func progressOf(c Counts) Progress {
	p := Progress{Done: int(c.DoneTasks), Total: int(c.TotalTasks)}
	if p.Total > 0 {
		p.Percent = p.Done * 100 / p.Total
	}
	return p
}

// Project as members see it.
type Project struct {
	ID          string `json:"id" format:"uuid"`
	Name        string `json:"name"`
	ClientName  string `json:"clientName"`
	Description string `json:"description"`
	// Status is the effective status: the admin's override if set, else
	// the computed one.
	Status            string    `json:"status" enum:"in_progress,waiting_client,done"`
	StatusSource      string    `json:"statusSource" enum:"auto,manual" doc:"manual when an admin fixed the status"`
	ComputedStatus    string    `json:"computedStatus" enum:"in_progress,waiting_client,done"`
	WaitingItems      int       `json:"waitingItems" doc:"How many things wait on the client"`
	NewRequests       int       `json:"newRequests" doc:"Client requests awaiting the admin's decision (admins only; 0 for clients)"`
	NextStep          string    `json:"nextStep" doc:"Free text set by the admin; empty means the next task"`
	EstimatedDelivery *string   `json:"estimatedDelivery" format:"date"`
	Progress          Progress  `json:"progress"`
	CreatedAt         time.Time `json:"createdAt"`
	UpdatedAt         time.Time `json:"updatedAt"`
}

func toProject(p dbq.Project, c Counts) Project {
	waiting := int(c.PendingApprovals + c.BlockedTasks + c.PendingPayments + c.WaitingTickets)
	out := Project{
		ID: p.ID.String(), Name: p.Name, ClientName: p.ClientName, Description: p.Description,
		ComputedStatus: ComputeStatus(waiting), StatusSource: "auto", WaitingItems: waiting,
		NextStep: p.NextStep, EstimatedDelivery: httpapi.FormatDate(p.EstimatedDelivery),
		Progress: progressOf(c), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, NewRequests: int(c.NewTickets),
	}
	out.Status = out.ComputedStatus
	if p.StatusOverride != nil {
		out.Status, out.StatusSource = *p.StatusOverride, "manual"
	}
	return out
}
