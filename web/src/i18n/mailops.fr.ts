// Bounces (members' addresses in failure) and the dev mailbox's template
// previews (issue 14).
export const mailopsFr = {
  members: {
    title: "Membres",
    description: "Les personnes de l’espace et l’état de leur adresse e-mail.",
    empty: "Aucun membre pour l’instant.",
    admin: "Administrateur",
    client: "Client",
    failing: "Adresse en échec : les e-mails ne sont plus envoyés",
    reasons: {
      hard_bounce: "L’adresse n’existe pas ou refuse les messages",
      complaint: "Un e-mail a été signalé comme indésirable",
      manual: "Envois suspendus",
    },
    since: "depuis le {date}",
    lift: "Réactiver les envois",
    liftHint: "Une fois l’adresse corrigée par la personne, réactivez les envois.",
    lifted: "Les e-mails seront de nouveau envoyés à {email}",
  },
  previews: {
    tab: "Modèles",
    mailboxTab: "Boîte de réception",
    title: "Aperçus des e-mails",
    subtitle: "Chaque modèle, rendu avec des données d’exemple et l’identité de l’espace de démonstration.",
    groups: { notification: "Notifications", digest: "Résumé", account: "Compte" },
    desktop: "Ordinateur",
    phone: "Téléphone",
    width: "Largeur",
    language: "Langue de l’e-mail",
    subject: "Objet",
    unavailable: "Les aperçus ne sont disponibles qu’en développement, sur cette machine.",
  },
};
