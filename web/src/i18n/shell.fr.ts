// Strings of the app's structure (t.shell): project navigation, pages not
// found or refused inside the shell, dashboard folds, activity day groups.
// Kept beside fr.ts so that parallel work doesn't edit the same lines.
export const shellFr = {
  projectNav: {
    label: "Navigation du projet",
    overview: "Vue d’ensemble",
    board: "Tableau",
    requests: "Demandes",
    messages: "Messages",
    files: "Fichiers",
    payments: "Paiements",
    activity: "Activité",
    waitingCount: "{n} en attente",
    unreadCount: "{n} non lus",
  },
  unreadTotal: "{n} messages non lus dans l’espace",
  unreadElsewhere: "{n} messages non lus dans les autres projets",
  breadcrumb: "Fil d’Ariane",
  notFound: {
    title: "Page introuvable",
    body: "Cette page n’existe pas ou vous n’y avez pas accès.",
    back: "Retour aux projets",
    home: "Retour à l’accueil",
  },
  dashboard: {
    plannedWas: "Prévue initialement le {date}",
    adminTools: "Pilotage, notes et clients",
    adminToolsHint: "Outils visibles uniquement par vous",
  },
  activity: {
    today: "Aujourd’hui",
    yesterday: "Hier",
    reorders: "{n} réorganisations du tableau",
    reorderOne: "1 réorganisation du tableau",
  },
  preview: {
    enter: "Voir comme le client",
    enterHint: "Afficher cette page telle que votre client la voit, en lecture seule",
    banner: "Aperçu client — lecture seule",
    bannerHint: "Vous voyez ce projet comme votre client, sans pouvoir rien modifier.",
    exit: "Quitter l’aperçu",
  },
  login: {
    subtitle: "Connectez-vous à votre espace {workspace}.",
  },
};
