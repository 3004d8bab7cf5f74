extension SiteScript {
    /// The script a site gets when its section names none: Demo Dental's.
    public static let demo: SiteScript = {
        do {
            return try parse(demoText, source: "<built-in script>")
        } catch {
            // demoText is part of the program and a test parses it.
            preconditionFailure("built-in script does not parse:\n\(error)")
        }
    }()

    /// The built-in script as text: `nightdesk example-script` prints it.
    public static let demoText = #"""
        # NightDesk auto-responder script
        #
        # What the practice's chat says when no agent has the chat. Copy it
        # (`nightdesk example-script > my-script.toml`), edit it, point a site
        # at it with `script = "my-script.toml"` and run `nightdesk check`.
        #
        # Lines may use {placeholders}: {practice} {phone} {emergency_phone}
        # {name} {office_status} {opening} {when} {callback} {best_time}.
        # Text in [brackets] is left out while a placeholder in it is unknown:
        # "Thanks[, {name}]!" says "Thanks!" until the visitor gives a name.

        [script]
        start = "name"
        greeting = "Hi! Thanks for contacting {practice}. {office_status} I can take a few details so the team can call you back first thing."
        closing = "Thank you[, {name}]! I've passed this to the {practice} team: they will {callback} {when}[ (best time for you: {best_time})]. To book sooner, call {phone}."
        after_closing = "Thanks, I've added that to your note for the team. Is there anything else?"
        # Said first, before anything else, to anyone describing an emergency.
        emergency = "If this is an emergency, please call {emergency_phone} now or go to the nearest emergency room. This chat can't send help."
        # After the emergency line the script asks for a number straight away.
        emergency_next = "urgent_callback"
        abuse_reply = "I'm here to help you get care from {practice}. If you'd like a call back, I just need a few details."
        link_reply = "I can't open links in this chat, sorry. Tell me in a few words what you need and I'll pass it to the team."
        # Added to the built-in emergency phrases (chest pain, can't breathe,
        # severe bleeding, swelling of the face, suicidal, ...).
        emergency_words = ["tooth * knocked out", "knocked out * tooth", "jaw * broken", "broken jaw", "face * swollen"]

        # The questions, asked in order from `start`. Each step asks for one
        # field: name, patient (new or existing), need, phone, email,
        # callback (phone or email) or best_time. A step whose field is
        # already known is skipped. `reask` is said once after an answer
        # that doesn't fit; then the script moves on. `next` names the
        # following step, or "done" for the closing.

        [steps.name]
        field = "name"
        ask = "What's your name?"
        reask = "Sorry, I didn't catch your name. What should the team call you?"
        next = "patient"

        [steps.patient]
        field = "patient"
        ask = "[Nice to meet you, {name}. ]Have you been to {practice} before, or would you be a new patient?"
        reask = "Just so I note it right: have you visited us before (yes or no)?"
        if_new = "need_new"
        if_existing = "need_existing"
        next = "need_new"

        [steps.need_new]
        field = "need"
        ask = "Welcome! What can we help you with: a check-up and cleaning, a treatment you have in mind, or something that's bothering you?"
        reask = "Could you tell me a little about what you need? For example \"cleaning\", \"toothache\" or \"whitening\"."
        next = "callback"

        [steps.need_existing]
        field = "need"
        ask = "Welcome back! What do you need: an appointment, help with a tooth that's bothering you, or something else?"
        reask = "Could you tell me a little about what you need, so the right person calls?"
        next = "callback"

        [steps.callback]
        field = "callback"
        ask = "What's the best phone number to reach you? An email address works too."
        reask = "Hmm, I couldn't read that as a number we can dial. Could you type it with the area code, like 555-201-3344, or give an email instead?"
        if_declined = "email_instead"
        next = "best_time"

        [steps.email_instead]
        field = "email"
        ask = "No problem. Is there an email address the team can write to instead?"
        reask = "That doesn't look like an email address. Could you check it? It should look like name@example.com."
        next = "best_time"

        [steps.best_time]
        field = "best_time"
        ask = "And when is the best time to call you? Morning, lunchtime or afternoon?"
        next = "done"

        [steps.urgent_callback]
        field = "callback"
        ask = "If it's not life-threatening, our on-call team can call you back. What number can they reach you on right now?"
        reask = "Please type the number with the area code, like 555-201-3344, so the team can reach you."
        next = "name"

        # Answers to common questions. `match` lists words or phrases; "*"
        # between words stands for up to three words, a word ending in "*"
        # for any word it begins. The answer is said, then the script carries
        # on. `topic` is kept on the lead so the front desk sees it was asked.

        [answers.hours]
        match = ["hours", "open", "opening", "what time", "when * you close"]
        answer = "We're open Monday to Friday 8 AM to 5 PM and Saturday 9 AM to 1 PM. {office_status}"

        [answers.address]
        match = ["address", "where are you", "located", "location", "directions"]
        answer = "You'll find us at 120 Main Street, Springfield, across from the library."

        [answers.parking]
        match = ["parking", "park"]
        answer = "There's free parking behind the building, and two accessible spaces by the front door."

        [answers.insurance]
        match = ["insur*", "delta", "cigna", "aetna", "medicaid", "coverage", "covered"]
        answer = "We accept most PPO dental plans, including Delta Dental, Cigna and Aetna. The team will check your plan when they call."
        topic = "insurance"

        [answers.price]
        match = ["price*", "cost*", "how much", "fee", "fees", "afford*", "payment plan*", "financing"]
        answer = "A new-patient exam with X-rays and cleaning is $150 to $250 without insurance; whitening starts at $350; implants are quoted after an exam. We offer payment plans."
        topic = "price"

        [answers.spanish]
        match = ["spanish", "espanol", "hablan", "habla", "hablas"]
        answer = "¡Claro! Un miembro del equipo que habla español le llamará. Por favor, escriba su nombre y su número de teléfono."
        topic = "prefers Spanish"

        [answers.emergency_hours]
        match = ["after hours emergency", "emergency dentist", "on call dentist"]
        answer = "For a dental emergency after hours, call our emergency line {emergency_phone}. For anything life-threatening call 911."

        # How leads are ranked in the morning queue. A rule is signals joined
        # by "+" ("not" before one means it must be absent). Cold rules are
        # checked first, then hot, then warm; anything else is cold. Signals:
        # urgent, existing patient, new patient, wants appointment soon,
        # has phone, has email, has callback, no way to call back,
        # need stated, best time given, complete, spam, abusive.
        [scoring]
        cold = ["spam", "abusive + not need stated"]
        hot = ["urgent", "existing patient + has callback", "wants appointment soon + has phone", "need stated + has phone"]
        warm = ["has callback", "existing patient + need stated"]
        """#
}
